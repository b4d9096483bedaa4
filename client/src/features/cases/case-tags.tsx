import { MAX_TAGS_PER_CASE } from '@anliegen/shared';
import { MultiSelect, TagsInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { TagChips } from '../../components/domain/tag-chips';
import { ErrorAlert } from '../../components/ui/error-alert';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc } from '../../lib/trpc';
import { useSetCaseTags } from './api/tags-bulk';

type Detail = RouterOutputs['cases']['byReference'];

/**
 * The case's tags (issue 16): typed (a new name becomes a free tag, unless the admins allow only their list) or picked
 * from the list, saved at once on the version on screen like every case edit (a conflict says someone else saved;
 * the case then reloads), and shown as the lists show them.
 */
export function CaseTags({ detail }: { detail: Detail }) {
  const { t } = usePageI18n();
  const list = useQuery(trpc.tags.list.queryOptions()).data;
  const save = useSetCaseTags(detail.case.id);
  const names = detail.tags.map((tag) => tag.name);
  const onlyCurated = list?.onlyCurated ?? false;
  const common = {
    label: t('case.tags'),
    description: onlyCurated ? t('case.tags.descriptionCurated') : t('case.tags.description'),
    data: list?.tags.map((tag) => tag.name) ?? [],
    value: names,
    maxTags: MAX_TAGS_PER_CASE,
    // Typing narrows the list; a list that never scrolls needs no keyboard access of its own (axe:
    // scrollable-region-focusable; the options are reached with the arrow keys from the field).
    limit: 6,
    disabled: save.isPending,
    onChange: (next: string[]) => save.mutate({ caseId: detail.case.id, version: detail.case.version, names: next }),
  };
  return (
    <div>
      {onlyCurated ? <MultiSelect {...common} searchable /> : <TagsInput {...common} acceptValueOnBlur={false} />}
      <div style={{ marginTop: 6 }}>
        <TagChips tags={detail.tags} freeLabel={t('tags.free')} />
      </div>
      <ErrorAlert error={save.error} />
    </div>
  );
}
