import { RETENTION_DAYS_MAX, RETENTION_DAYS_MIN, setCategoryRetentionInput } from '@anliegen/shared';
import { NumberInput } from '@mantine/core';
import { useState } from 'react';
import { FormDialog } from '../../components/ui/form-dialog';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { fieldErrorsOf } from '../../lib/validate';
import { useSetCategoryRetention } from './api/admin-mutations';

type Category = RouterOutputs['categories']['list'][number];

/** A category's retention period in whole days; empty keeps its cases until a citizen's erasure. */
export function RetentionFormModal({
  category,
  onClose,
  onSaved,
}: {
  category: Category;
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const { t } = usePageI18n();
  const [days, setDays] = useState<number | string>(category.retentionDays ?? '');
  const [error, setError] = useState<string | undefined>();
  const save = useSetCategoryRetention();

  const submit = () => {
    const input = { categoryId: category.id, retentionDays: days === '' ? null : Number(days) };
    const errors = fieldErrorsOf(setCategoryRetentionInput, input, t);
    setError(errors?.retentionDays);
    if (!errors) save.mutate(input, { onSuccess: () => onSaved(t('privacy.retention.saved', { name: category.name })) });
  };

  return (
    <FormDialog
      title={t('privacy.retention.editTitle', { name: category.name })}
      submitLabel={t('common.save')}
      pending={save.isPending}
      error={save.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <NumberInput
        label={t('privacy.retention.daysLabel')}
        description={t('privacy.retention.daysHint', { min: RETENTION_DAYS_MIN, max: RETENTION_DAYS_MAX })}
        allowDecimal={false}
        allowNegative={false}
        value={days}
        error={error}
        onChange={setDays}
        data-autofocus
      />
    </FormDialog>
  );
}
