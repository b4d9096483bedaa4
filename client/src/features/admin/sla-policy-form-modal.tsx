import { createSlaPolicyInput, PRIORITIES, type Priority, updateSlaPolicyInput } from '@anliegen/shared';
import { NativeSelect, NumberInput } from '@mantine/core';
import { useState } from 'react';
import { FormDialog } from '../../components/ui/form-dialog';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { type FieldErrors, fieldErrorsOf } from '../../lib/validate';
import { formatBusinessMinutes, hoursToMinutes, minutesToHours } from './business-duration';
import { useCreateSlaPolicy, useUpdateSlaPolicy } from './api/admin-mutations';

type SlaPolicy = RouterOutputs['slaPolicies']['list'][number];
type Category = RouterOutputs['categories']['list'][number];

interface Props {
  /** The policy to edit, or null to create one. */
  policy: SlaPolicy | null;
  categories: Category[];
  onClose: () => void;
  onSaved: (message: string) => void;
}

/** Targets are entered in hours of business time (decimals allowed) and sent as minutes. */
export function SlaPolicyFormModal({ policy, categories, onClose, onSaved }: Props) {
  const { t, locale, formatNumber } = usePageI18n();
  const [values, setValues] = useState({
    categoryId: policy?.categoryId == null ? '' : String(policy.categoryId),
    priority: policy?.priority ?? '',
    firstResponseHours: minutesToHours(policy?.firstResponseMinutes ?? null) as number | string,
    resolutionHours: minutesToHours(policy?.resolutionMinutes ?? null) as number | string,
  });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const create = useCreateSlaPolicy();
  const update = useUpdateSlaPolicy();
  const mutation = policy ? update : create;

  const submit = () => {
    const fields = {
      categoryId: values.categoryId === '' ? null : Number(values.categoryId),
      priority: values.priority === '' ? null : (values.priority as Priority),
      firstResponseMinutes: hoursToMinutes(values.firstResponseHours),
      resolutionMinutes: hoursToMinutes(values.resolutionHours),
    };
    if (policy) {
      const input = { id: policy.id, ...fields };
      const errors = fieldErrorsOf(updateSlaPolicyInput, input, t);
      setFieldErrors(errors ?? {});
      if (!errors) update.mutate(input, { onSuccess: () => onSaved(t('sla.saved')) });
    } else {
      const errors = fieldErrorsOf(createSlaPolicyInput, fields, t);
      setFieldErrors(errors ?? {});
      if (!errors) create.mutate(fields, { onSuccess: () => onSaved(t('sla.created')) });
    }
  };

  /** The hint under a target: what it means, and the typed hours in days and hours. */
  const hint = (hours: number | string) => {
    const minutes = hoursToMinutes(hours);
    if (minutes === null || !(minutes > 0)) return t('sla.hoursHint');
    return (
      <>
        {t('sla.hoursHint')}
        <br />
        {t('sla.hoursEquals', { duration: formatBusinessMinutes(minutes, t, formatNumber) })}
      </>
    );
  };
  const decimalSeparator = locale === 'de' ? ',' : '.';

  return (
    <FormDialog
      title={policy ? t('sla.editTitle') : t('sla.createTitle')}
      submitLabel={policy ? t('common.save') : t('common.create')}
      pending={mutation.isPending}
      error={mutation.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <NativeSelect
        label={t('sla.category')}
        value={values.categoryId}
        data={[
          { value: '', label: t('sla.anyCategory') },
          ...categories.map((category) => ({ value: String(category.id), label: category.name })),
        ]}
        error={fieldErrors.categoryId}
        onChange={(event) => setValues({ ...values, categoryId: event.currentTarget.value })}
      />
      <NativeSelect
        label={t('sla.priority')}
        value={values.priority}
        data={[
          { value: '', label: t('sla.anyPriority') },
          ...PRIORITIES.map((priority) => ({ value: priority, label: t(`priority.${priority}`) })),
        ]}
        error={fieldErrors.priority}
        onChange={(event) => setValues({ ...values, priority: event.currentTarget.value as Priority | '' })}
      />
      <NumberInput
        label={t('sla.firstResponseHours')}
        description={hint(values.firstResponseHours)}
        min={0}
        allowNegative={false}
        decimalScale={2}
        decimalSeparator={decimalSeparator}
        value={values.firstResponseHours}
        error={fieldErrors.firstResponseMinutes}
        onChange={(value) => setValues({ ...values, firstResponseHours: value })}
      />
      <NumberInput
        label={t('sla.resolutionHours')}
        description={hint(values.resolutionHours)}
        min={0}
        allowNegative={false}
        decimalScale={2}
        decimalSeparator={decimalSeparator}
        value={values.resolutionHours}
        error={fieldErrors.resolutionMinutes}
        onChange={(value) => setValues({ ...values, resolutionHours: value })}
      />
    </FormDialog>
  );
}
