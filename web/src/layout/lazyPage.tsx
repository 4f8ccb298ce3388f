/**
 * React.lazy for a page whose code may have arrived before the page is first drawn (the entry
 * starts it early on some addresses, see main.tsx): once the module is here the page renders
 * at once instead of suspending. A suspended page shows its fallback, and React then holds the
 * page back until 300 ms after that fallback appeared (its throttle for revealing Suspense
 * boundaries together) — on the cockpit that idle wait was a fifth of the first screen.
 */
import { lazy, useState, type ComponentType, type JSX } from 'react';

/** A lazily loaded page with a way to start loading it early. */
export type LazyPage<P extends object> = ((props: P) => JSX.Element) & {
  /** Starts loading the page's module (once); the page then renders without suspending. */
  preload(): Promise<unknown>;
};

/** A page loaded on first use or on {@link LazyPage.preload}, whichever comes first. */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): LazyPage<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<{ default: ComponentType<P> }> | undefined;
  const start = () =>
    (pending ??= load().then((component) => {
      loaded = component;
      return { default: component };
    }));
  const Suspending = lazy(start);
  function Page(props: P) {
    // Chosen once per mount: switching between the two later would remount the page.
    const [Component] = useState<ComponentType<P>>(() => loaded ?? Suspending);
    return <Component {...props} />;
  }
  return Object.assign(Page, { preload: start });
}
