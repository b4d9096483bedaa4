import { useMutation, useQuery } from '@tanstack/react-query';
import { invalidateNotifications } from './invalidate';
import { trpc } from './trpc';

/** The signed-in caseworker's notifications and how many are unread: the header's bell and its menu share them. */
export const useNotifications = () => useQuery(trpc.notifications.list.queryOptions());

/** Marks some (`ids`) or all notifications read. */
export const useMarkNotificationsRead = () =>
  useMutation(trpc.notifications.markRead.mutationOptions({ onSuccess: invalidateNotifications }));
