import type { ActionItem, Meeting, UpdateMeetingBody, createMeetingBodySchema } from '@nsp/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { MEETINGS_QUERY_KEY } from './get-meetings';

type CreateMeetingBody = (typeof createMeetingBodySchema)['_input'];

/** Every meeting change can show on other meetings (carried-forward items), so all meeting queries refresh. */
function useMeetingMutation<Variables, Result>(mutationFn: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: MEETINGS_QUERY_KEY }),
  });
}

export const createMeeting = (body: CreateMeetingBody) => api.post<Meeting>('/api/v1/meetings', body);
export const useCreateMeeting = () => useMeetingMutation(createMeeting);

export const updateMeeting = ({ id, ...body }: UpdateMeetingBody & { id: string }) =>
  api.patch<Meeting>(`/api/v1/meetings/${id}`, body);
export const useUpdateMeeting = () => useMeetingMutation(updateMeeting);

export const createActionItem = ({
  meetingId,
  ...body
}: {
  meetingId: string;
  title: string;
  ownerId?: string | null;
  dueDate?: string | null;
}) => api.post<ActionItem>(`/api/v1/meetings/${meetingId}/action-items`, body);
export const useCreateActionItem = () => useMeetingMutation(createActionItem);

export const updateActionItem = ({
  id,
  ...body
}: {
  id: string;
  status?: ActionItem['status'];
  progressNote?: string;
  reportedAtMeetingId?: string;
}) => api.patch<ActionItem>(`/api/v1/action-items/${id}`, body);
export const useUpdateActionItem = () => useMeetingMutation(updateActionItem);

export const createMeetingProblem = ({
  meetingId,
  ...body
}: {
  meetingId: string;
  description: string;
  serviceRequestId?: string | null;
  saraCaseId?: string | null;
  startSaraCase?: boolean;
}) => api.post<Meeting['problems'][number]>(`/api/v1/meetings/${meetingId}/problems`, body);
export const useCreateMeetingProblem = () => useMeetingMutation(createMeetingProblem);
