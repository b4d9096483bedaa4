import { createRoutingRuleInput, ROUTABLE_CHANNELS, ROUTING_RULE_KINDS, type RoutingRuleKind } from '@anliegen/shared';
import { NativeSelect, TextInput } from '@mantine/core';
import { useState } from 'react';
import { FormDialog } from '../../components/ui/form-dialog';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { type FieldErrors, fieldErrorsOf } from '../../lib/validate';
import { useCreateRoutingRule } from './api/admin-mutations';

type Team = RouterOutputs['teams']['list'][number];
type Category = RouterOutputs['categories']['list'][number];

interface Props {
  teams: Team[];
  categories: Category[];
  onClose: () => void;
  onSaved: (message: string) => void;
}

/** A new routing rule, added at the end of the order. What the value is depends on the kind. */
export function RoutingRuleFormModal({ teams, categories, onClose, onSaved }: Props) {
  const { t } = usePageI18n();
  const [kind, setKind] = useState<RoutingRuleKind>('keyword');
  // One value per kind, so switching back and forth keeps what was typed.
  const [values, setValues] = useState<Record<RoutingRuleKind, string>>({
    channel: ROUTABLE_CHANNELS[0],
    address: '',
    category: categories[0] ? String(categories[0].id) : '',
    keyword: '',
  });
  const [teamId, setTeamId] = useState(teams[0] ? String(teams[0].id) : '');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const create = useCreateRoutingRule();

  const submit = () => {
    const input = { kind, value: values[kind], teamId: Number(teamId) } as Parameters<typeof create.mutate>[0];
    const errors = fieldErrorsOf(createRoutingRuleInput, input, t);
    setFieldErrors(errors ?? {});
    if (!errors) create.mutate(input, { onSuccess: () => onSaved(t('routing.created')) });
  };

  const setValue = (value: string) => setValues({ ...values, [kind]: value });
  const valueLabel = t(`routing.value.${kind}`);

  return (
    <FormDialog
      title={t('routing.createTitle')}
      submitLabel={t('common.create')}
      pending={create.isPending}
      error={create.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <NativeSelect
        label={t('routing.kind')}
        value={kind}
        data={ROUTING_RULE_KINDS.map((value) => ({ value, label: t(`routing.kind.${value}`) }))}
        onChange={(event) => {
          setKind(event.currentTarget.value as RoutingRuleKind);
          setFieldErrors({});
        }}
      />
      {kind === 'channel' && (
        <NativeSelect
          label={valueLabel}
          value={values.channel}
          data={ROUTABLE_CHANNELS.map((channel) => ({ value: channel, label: t(`channels.${channel}`) }))}
          error={fieldErrors.value}
          onChange={(event) => setValue(event.currentTarget.value)}
        />
      )}
      {kind === 'category' && (
        <NativeSelect
          label={valueLabel}
          value={values.category}
          data={categories.map((category) => ({ value: String(category.id), label: category.name }))}
          error={fieldErrors.value}
          onChange={(event) => setValue(event.currentTarget.value)}
        />
      )}
      {(kind === 'address' || kind === 'keyword') && (
        <TextInput
          key={kind}
          label={valueLabel}
          required
          type={kind === 'address' ? 'email' : 'text'}
          value={values[kind]}
          error={fieldErrors.value}
          onChange={(event) => setValue(event.currentTarget.value)}
        />
      )}
      <NativeSelect
        label={t('routing.team')}
        value={teamId}
        data={teams.map((team) => ({ value: String(team.id), label: team.name }))}
        error={fieldErrors.teamId}
        onChange={(event) => setTeamId(event.currentTarget.value)}
      />
    </FormDialog>
  );
}
