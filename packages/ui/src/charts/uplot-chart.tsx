import { useEffect, useRef, useState } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { AlignedData } from "./chart-data";

/** The width of an element, following it as it resizes. */
export function useElementWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/**
 * A uPlot chart as a React component. The plot is rebuilt when options change (axes, scales,
 * series) and only fed new data otherwise; a resize only resizes. Double-click calls onReset.
 */
export function UplotChart({ options, data, width, onReset }: { options: uPlot.Options; data: AlignedData; width: number; onReset?: () => void }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const reset = useRef(onReset);
  reset.current = onReset;

  useEffect(() => {
    if (!host.current) return;
    const u = new uPlot({ ...options, width: Math.max(width, 200) }, data as uPlot.AlignedData, host.current);
    plot.current = u;
    const onDblClick = () => reset.current?.();
    u.over.addEventListener("dblclick", onDblClick);
    return () => {
      u.over.removeEventListener("dblclick", onDblClick);
      u.destroy();
      plot.current = null;
    };
    // Data and width are applied by the effects below without rebuilding.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [options]);

  useEffect(() => {
    plot.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  useEffect(() => {
    const u = plot.current;
    if (u && width > 0 && u.width !== width) u.setSize({ width: Math.max(width, 200), height: u.height });
  }, [width]);

  return <div ref={host} className="uplot-host" />;
}
