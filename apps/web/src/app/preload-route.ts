import { isValidElement } from 'react';
import { createRoutesFromElements, matchRoutes } from 'react-router';
import { pageRoutes } from './page-routes.tsx';

const preloadOf = (element: unknown) => {
  if (!isValidElement(element)) return undefined;
  const type = element.type as { preload?: () => Promise<unknown> };
  return type.preload;
};

/**
 * Fetches the chunks of every page `pathname` renders (a study's layout and its tab, say) at once,
 * rather than one after the other as each suspends; resolves when they are in, failed or not.
 */
export function preloadRoute(pathname: string): Promise<unknown> {
  const matches = matchRoutes(createRoutesFromElements(pageRoutes()), pathname) ?? [];
  return Promise.allSettled(matches.map(({ route }) => preloadOf(route.element)?.()));
}
