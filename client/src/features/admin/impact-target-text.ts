import { IMPACT_METRIC_SPEC, type ImpactMetric } from '@anliegen/shared';
import { usePageI18n } from '../../i18n/page-i18n';

/** A target as people read it: "80 %", "4,0 von 5". */
export function useTargetText() {
  const { t, formatNumber } = usePageI18n();
  return (metric: ImpactMetric, target: number) =>
    IMPACT_METRIC_SPEC[metric].unit === 'share'
      ? t('impactAdmin.percent', { n: formatNumber(target) })
      : t('impactAdmin.rating', { n: formatNumber(target) });
}
