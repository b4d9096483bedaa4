import type { ReactNode } from 'react';
import classes from './live-update-bar.module.css';

/**
 * Where a live-updating page says what changed while the user worked (and who else is there): a polite status
 * region at the bottom of the window, which moves nothing above it (issue 24). Offer the change with a button that
 * applies it; never apply it under the user's input. While it shows, the page's scroll padding keeps what gets the
 * focus (or is scrolled to) clear of it (live-update-bar.module.css).
 */
export function LiveUpdateBar({ children }: { children?: ReactNode }) {
  return (
    <div role="status" className={classes.bar} data-testid="live-update-bar">
      {children}
    </div>
  );
}
