import { Checkbox, Fieldset, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { ErrorAlert } from '../../components/ui/error-alert';

/** A change of one switch: the desk-wide one (`categoryId: null`) or a category's. */
interface SwitchChange {
  categoryId: number | null;
  enabled: boolean;
}

/**
 * A choice about citizens that the admin switches for the whole desk and per topic (issue 18: mail without content,
 * the survey after resolution): the desk-wide checkbox and one per category, each saved when ticked. What was just
 * chosen shows at once (not disabled meanwhile: that would take the focus away from the keyboard).
 */
export function CategorySwitchesSection({
  texts,
  settings,
  set,
}: {
  /** `categoriesHint`: what the categories' choice means with the desk-wide switch as it is. */
  texts: { title: string; intro: string; deskWide: string; deskWideHint: string; categories: string; categoriesHint: string };
  settings: { deskWide: boolean; categories: { id: number; name: string; enabled: boolean }[] };
  set: { mutate: (change: SwitchChange) => void; isPending: boolean; variables: SwitchChange | undefined; error: unknown };
}) {
  const id = useId();
  const shown = (categoryId: number | null, stored: boolean) =>
    set.isPending && set.variables?.categoryId === categoryId ? set.variables.enabled : stored;
  return (
    <Stack component="section" aria-labelledby={`${id}-heading`} gap="sm" maw="60rem">
      <Title order={2} size="h3" id={`${id}-heading`}>
        {texts.title}
      </Title>
      <Text>{texts.intro}</Text>
      <Checkbox
        label={texts.deskWide}
        description={texts.deskWideHint}
        checked={shown(null, settings.deskWide)}
        onChange={(event) => set.mutate({ categoryId: null, enabled: event.currentTarget.checked })}
      />
      <Fieldset legend={texts.categories}>
        <Text size="sm" mb="sm" id={`${id}-categories-hint`}>
          {texts.categoriesHint}
        </Text>
        <Stack gap="xs">
          {settings.categories.map((category) => (
            <Checkbox
              key={category.id}
              label={category.name}
              checked={shown(category.id, category.enabled)}
              aria-describedby={`${id}-categories-hint`}
              onChange={(event) => set.mutate({ categoryId: category.id, enabled: event.currentTarget.checked })}
            />
          ))}
        </Stack>
      </Fieldset>
      <ErrorAlert error={set.error} />
    </Stack>
  );
}
