import { NumberInput } from '@mantine/core';
import { usePageI18n } from '../../i18n/page-i18n';
import type { Minutes } from './duration';

/** How long a call or visit took, in minutes. */
export function DurationInput({ value, onChange, w }: { value: Minutes; onChange: (minutes: Minutes) => void; w?: number }) {
  const { t } = usePageI18n();
  return (
    <NumberInput
      label={t('case.durationMinutes')}
      min={0}
      max={600}
      w={w}
      value={value}
      onChange={(next) => onChange(typeof next === 'number' ? next : '')}
    />
  );
}
