import { lazy, Suspense, type ComponentProps } from 'react';

// The review brings the chart library: loaded from the station's own bundle when first opened,
// so the queue starts as fast as before.
const Screen = lazy(() => import('./ReviewScreen').then((m) => ({ default: m.ReviewScreen })));

/** The review screen, loaded on first use. */
export function ReviewScreen(props: ComponentProps<typeof Screen>) {
  return (
    <Suspense fallback={null}>
      <Screen {...props} />
    </Suspense>
  );
}
