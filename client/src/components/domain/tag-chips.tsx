import { TAG_PALETTE } from '@anliegen/shared';
import classes from './tag-chips.module.css';

interface Tag {
  id: number;
  name: string;
  color: keyof typeof TAG_PALETTE | null;
  curated: boolean;
}

/**
 * A case's tags, compact: each whole (they wrap, never cut), curated ones in their colour, free ones grey with a
 * dashed outline (the list's own and the typed ones told apart; `title` says which).
 */
export function TagChips({ tags, freeLabel }: { tags: readonly Tag[]; freeLabel: string }) {
  if (tags.length === 0) return null;
  return (
    <span className={classes.tags}>
      {tags.map((tag) => {
        const colors = tag.curated && tag.color ? TAG_PALETTE[tag.color] : undefined;
        return (
          <span
            key={tag.id}
            className={classes.tag}
            data-free={tag.curated ? undefined : ''}
            title={tag.curated ? undefined : freeLabel}
            style={colors && { background: colors.background, color: colors.text }}
          >
            {tag.name}
          </span>
        );
      })}
    </span>
  );
}
