import { Anchor, type AnchorProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import type { AnchorHTMLAttributes, Ref } from 'react';

function MantineAnchor(props: AnchorProps & AnchorHTMLAttributes<HTMLAnchorElement> & { ref?: Ref<HTMLAnchorElement> }) {
  return <Anchor {...props} />;
}

/** A Mantine anchor that is a router link, with typed `to` and `params`. */
export const AnchorLink = createLink(MantineAnchor);
