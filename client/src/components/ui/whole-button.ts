import classes from './whole-button.module.css';

/** Mantine Button `classNames` for a label that wraps instead of being cut (whole-button.module.css). */
export const wholeButton = { root: classes.root, label: classes.label };
