import { Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { usePageTitle } from './use-page-title';

/**
 * The page's one h1, which also sets the document title; `heading` shows the title marked up (a reference that must
 * not wrap) where the plain `title` would not do.
 */
export function PageHeader({ title, heading, actions }: { title: string; heading?: ReactNode; actions?: ReactNode }) {
  usePageTitle(title);
  return (
    <Group justify="space-between" mb="lg" wrap="wrap">
      <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
        {heading ?? title}
      </Title>
      {actions}
    </Group>
  );
}
