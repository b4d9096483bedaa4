import {
  IMPACT_METRIC_SPEC,
  IMPACT_METRICS,
  type ImpactMetric,
  impactTargetInput,
  NEAR_MARGIN_MILLI,
  targetFromMilli,
} from '@anliegen/shared';
import { NativeSelect, NumberInput, Text } from '@mantine/core';
import { useState } from 'react';
import { FormDialog } from '../../components/ui/form-dialog';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { type FieldErrors, fieldErrorsOf } from '../../lib/validate';
import { useSaveImpactTarget } from './api/impact';
import { useTargetText } from './impact-target-text';

type Target = RouterOutputs['impact']['targets']['targets'][number];
type Team = RouterOutputs['teams']['list'][number];

interface Props {
  /** The target to change, or null for a new one. */
  target: Target | null;
  teams: Team[];
  onClose: () => void;
  onSaved: (message: string) => void;
}

/**
 * A figure's target for the whole desk or one team: a share in per cent, the rating in points. Saving a figure and
 * scope that has a target replaces it, so an existing target keeps its figure and scope and changes its value only.
 */
export function ImpactTargetFormModal({ target, teams, onClose, onSaved }: Props) {
  const { t, locale } = usePageI18n();
  const targetText = useTargetText();
  const [values, setValues] = useState({
    metric: target?.metric ?? ('first_response_within_day' as ImpactMetric),
    teamId: target?.teamId == null ? '' : String(target.teamId),
    target: (target?.target ?? '') as number | string,
  });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const save = useSaveImpactTarget();
  const spec = IMPACT_METRIC_SPEC[values.metric];

  const submit = () => {
    const input = {
      metric: values.metric,
      teamId: values.teamId === '' ? null : Number(values.teamId),
      target: values.target === '' ? Number.NaN : Number(values.target),
    };
    const errors = fieldErrorsOf(impactTargetInput, input, t);
    setFieldErrors(errors ?? {});
    if (!errors) save.mutate(input, { onSuccess: () => onSaved(t('impactAdmin.saved')) });
  };
  const margin = targetText(values.metric, targetFromMilli(values.metric, NEAR_MARGIN_MILLI[spec.unit]));

  return (
    <FormDialog
      title={target ? t('impactAdmin.editTitle') : t('impactAdmin.createTitle')}
      submitLabel={t('common.save')}
      pending={save.isPending}
      error={save.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <NativeSelect
        label={t('impactAdmin.metric')}
        value={values.metric}
        disabled={target !== null}
        data={IMPACT_METRICS.map((metric) => ({ value: metric, label: t(`impact.metric.${metric}`) }))}
        error={fieldErrors.metric}
        onChange={(event) => setValues({ ...values, metric: event.currentTarget.value as ImpactMetric, target: '' })}
      />
      <Text size="sm" c="dimmed" mt={-8}>
        {t(`impact.definition.${values.metric}`)}
      </Text>
      <NativeSelect
        label={t('impactAdmin.scope')}
        value={values.teamId}
        disabled={target !== null}
        data={[
          { value: '', label: t('impactAdmin.wholeDesk') },
          ...teams.map((team) => ({ value: String(team.id), label: team.name })),
        ]}
        error={fieldErrors.teamId}
        onChange={(event) => setValues({ ...values, teamId: event.currentTarget.value })}
      />
      <NumberInput
        label={spec.unit === 'share' ? t('impactAdmin.targetShare') : t('impactAdmin.targetRating')}
        description={t(spec.direction === 'atLeast' ? 'impactAdmin.hint.atLeast' : 'impactAdmin.hint.atMost', { margin })}
        min={spec.unit === 'share' ? 0 : 1}
        max={spec.unit === 'share' ? 100 : 5}
        decimalScale={spec.unit === 'share' ? 1 : 2}
        decimalSeparator={locale === 'de' ? ',' : '.'}
        suffix={spec.unit === 'share' ? ' %' : undefined}
        allowNegative={false}
        // Out of range stays as typed and is named by the check below, instead of changing silently on leaving.
        clampBehavior="none"
        value={values.target}
        error={fieldErrors.target}
        onChange={(value) => setValues({ ...values, target: value })}
      />
    </FormDialog>
  );
}
