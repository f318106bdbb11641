import { useLayoutEffect, useRef, useState } from 'react';

/** The widest a chart is drawn (px); its figure is never wider (40rem in transparency.css). */
export const CHART_MAX_W = 640;
/** Below this the chart is drawn at this width and clipped rather than squeezed further. */
const CHART_MIN_W = 240;

/**
 * The width a chart's figure has on the page, in CSS pixels, so the SVG is drawn at 1:1 scale and
 * its 13 px labels stay 13 px on a phone (a fixed 640-unit viewBox shrunk into 288 px made them
 * about 6 px). Starts at the widest and follows the figure's size.
 */
export function useChartWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(CHART_MAX_W);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const fit = (w: number) => setWidth(Math.max(CHART_MIN_W, Math.min(CHART_MAX_W, Math.floor(w))));
    fit(el.getBoundingClientRect().width);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => fit(entries[0]!.contentRect.width));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/** The label column for a chart `width` wide, and how many characters of 13 px text fit in it. */
export function labelColumn(width: number): { labelW: number; chars: number } {
  const labelW = Math.round(Math.min(230, width * 0.38));
  return { labelW, chars: Math.max(10, Math.floor((labelW - 12) / 6.8)) };
}
