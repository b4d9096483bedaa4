import type { Channel } from '@anliegen/shared';
import { Group, Text } from '@mantine/core';
import { IconBuildingCommunity, IconForms, IconMail, IconNote, IconPhone } from '@tabler/icons-react';
import { useI18n } from '../../i18n/i18n';

const ICONS = { email: IconMail, webform: IconForms, phone: IconPhone, counter: IconBuildingCommunity, note: IconNote } as const;

/** A channel as icon and word: the icon helps scanning, the word is what a screen reader says. */
export function ChannelLabel({ channel, size = 'sm' }: { channel: Channel; size?: 'xs' | 'sm' }) {
  const { t } = useI18n();
  const Icon = ICONS[channel];
  return (
    <Group gap={4} wrap="nowrap">
      <Icon size={size === 'xs' ? 14 : 16} aria-hidden />
      <Text size={size} span>
        {t(`channels.${channel}`)}
      </Text>
    </Group>
  );
}
