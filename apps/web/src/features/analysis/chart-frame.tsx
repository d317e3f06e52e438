import { useRef, useState, type ReactNode } from 'react';
import { downloadPng, downloadSvg, exportableSvg, type LegendItem } from './chart-export.ts';

/**
 * A chart with its title, an HTML legend, and buttons that download it as PNG or SVG (the
 * first <svg> inside, with the title and legend drawn in).
 */
export function ChartFrame({
  title,
  filename,
  legend = [],
  children,
}: {
  title: string;
  filename: string;
  legend?: readonly LegendItem[];
  children: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const markup = () => {
    const svg = box.current?.querySelector('svg');
    if (!svg) throw new Error('The chart has not been drawn yet.');
    return exportableSvg(svg, title, legend);
  };
  const run = (action: () => void | Promise<void>) => async () => {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <figure className="an-figure" aria-label={title}>
      <figcaption className="an-figure-head">
        <span className="an-figure-title">{title}</span>
        <span className="an-downloads">
          <button
            type="button"
            className="secondary small"
            aria-label={`Download ${title} as PNG`}
            onClick={run(() => downloadPng(markup(), `${filename}.png`))}
          >
            PNG
          </button>
          <button
            type="button"
            className="secondary small"
            aria-label={`Download ${title} as SVG`}
            onClick={run(() => downloadSvg(markup(), `${filename}.svg`))}
          >
            SVG
          </button>
        </span>
      </figcaption>
      <div ref={box} className="an-chart">
        {children}
      </div>
      {legend.length ? (
        <ul className="an-legend" aria-label={`${title}: legend`}>
          {legend.map((item) => (
            <li key={item.name}>
              <span className="an-swatch" style={{ background: item.color }} aria-hidden="true" />
              {item.name}
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </figure>
  );
}

/** A link to a table's CSV, written by the API. */
export function CsvLink({ href, children = 'CSV' }: { href: string; children?: ReactNode }) {
  return (
    <a className="an-csv" href={href} download>
      {children}
    </a>
  );
}
