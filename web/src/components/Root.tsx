import { useEffect, useRef } from 'react';
import { Outlet, ScrollRestoration, useLocation } from 'react-router';
import { MAIN_ID } from './Shell';

/**
 * Root of every route. After an in-app navigation, focus moves to the new page's <main>, as a full page
 * load would start there for keyboard and screen reader users (the first load keeps the browser's focus).
 */
export function Root() {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    document.getElementById(MAIN_ID)?.focus({ preventScroll: true });
  }, [pathname]);
  return (
    <>
      <Outlet />
      <ScrollRestoration />
    </>
  );
}
