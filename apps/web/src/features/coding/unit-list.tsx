import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { MyUnit } from '../../api/coding.ts';

/** The coder's units in the round, with their own coded/unsure marks; a click jumps to one. */
export function UnitList({
  units,
  currentId,
  href,
}: {
  units: readonly MyUnit[];
  currentId: number | null;
  href: (unitId: number) => string;
}) {
  const current = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    current.current?.scrollIntoView?.({ block: 'nearest' });
  }, [currentId]);
  return (
    <nav aria-label="Your units" className="unit-list">
      <ol>
        {units.map((u, i) => {
          const here = u.unitId === currentId;
          return (
            <li key={u.unitId}>
              <Link
                to={href(u.unitId)}
                ref={here ? current : undefined}
                aria-current={here ? 'page' : undefined}
                className={here ? 'current' : undefined}
              >
                <span className="unit-no">{i + 1}</span>{' '}
                <span className="unit-title">
                  {u.title}
                  {u.postNumber !== null ? (
                    <>
                      {' '}
                      <span className="hint">#{u.postNumber}</span>
                    </>
                  ) : null}
                </span>{' '}
                <span className="unit-marks">
                  {u.unsure ? (
                    <span className="mark unsure" aria-hidden="true" title="Unsure">
                      ?
                    </span>
                  ) : null}
                  {u.coded ? (
                    <span className="mark coded" aria-hidden="true" title="Coded">
                      ✓
                    </span>
                  ) : null}
                  <span className="visually-hidden">
                    {[u.unsure && 'unsure', u.coded && 'coded'].filter(Boolean).join(', ')}
                  </span>
                </span>
              </Link>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
