/**
 * The one place that assembles ECharts from its modules, so the bundle carries only the
 * chart types and components the app draws.
 */
import { MapChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([MapChart, TooltipComponent, CanvasRenderer]);

export { echarts };
export type { ECharts, EChartsCoreOption, ECElementEvent } from 'echarts/core';
