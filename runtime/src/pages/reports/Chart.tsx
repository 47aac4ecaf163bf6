/** One echarts chart in a div; re-drawn when the option changes, resized with the window. */
import { useEffect, useRef } from 'react';
import { echarts, type EChartsOption } from '../charts';

export interface ChartProps {
  option: EChartsOption;
  height?: number;
  /** Click on a data item (a pie slice, a bar): its name. */
  onItemClick?: (name: string) => void;
  testId?: string;
}

export function Chart({ option, height = 320, onItemClick, testId }: ChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const click = useRef(onItemClick);
  click.current = onItemClick;
  useEffect(() => {
    if (el.current === null) return undefined;
    const chart = echarts.init(el.current);
    // no animation: reports are read (and screenshotted) as figures, not watched
    chart.setOption({ animation: false, ...option });
    chart.on('click', (p: { name?: string }) => {
      if (typeof p.name === 'string') click.current?.(p.name);
    });
    const onResize = (): void => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={el} style={{ height }} data-testid={testId} />;
}
