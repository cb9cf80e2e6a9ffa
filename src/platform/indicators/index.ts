export { readPublicIndicators } from './indicators.service.ts';
export {
  createIndicatorRegistry,
  type IndicatorBaseline,
  type IndicatorDefinition,
  type IndicatorReading,
  type IndicatorRegistry,
  type IndicatorScope,
  type IndicatorValue,
  MIN_PUBLIC_SAMPLE,
  publishable,
} from './indicators.ts';
export { registerIndicatorsApi } from './routes.ts';
