import { useEffect, useState } from 'react';
import { Choice, SelectField, TextField } from '../../../components/form-fields';
import { LoadingState, ProblemAlert } from '../../../components/status-messages';
import { usePreferences, useUpdatePreferences } from '../api/preferences';
import { KIND_LABELS, type NotificationPreferences } from '../types';

type Draft = Pick<NotificationPreferences, 'preferences' | 'dailyDigest' | 'digestHour'> & {
  quietEnabled: boolean;
  quietStart: string;
  quietEnd: string;
};

function draftOf(saved: NotificationPreferences): Draft {
  return {
    preferences: saved.preferences,
    dailyDigest: saved.dailyDigest,
    digestHour: saved.digestHour,
    quietEnabled: saved.quietHours !== null,
    quietStart: saved.quietHours?.start ?? '22:00',
    quietEnd: saved.quietHours?.end ?? '07:00',
  };
}

const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/**
 * What a user is told about and how: per kind, in the inbox and/or by e-mail; a daily digest instead of
 * one e-mail each; quiet hours without e-mail (P1 requests still come through). `userId` null: my own.
 */
export function PreferencesForm({ userId, subject }: { userId: string | null; subject: string }) {
  const query = usePreferences(userId);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const update = useUpdatePreferences({
    mutationConfig: { onSuccess: () => setAnnouncement('Notification settings saved.') },
  });

  useEffect(() => {
    if (query.data) setDraft(draftOf(query.data));
  }, [query.data]);

  if (query.isPending) return <LoadingState label="Loading notification settings…" />;
  if (query.isError)
    return (
      <ProblemAlert error={query.error} title="Could not load the settings" onRetry={() => query.refetch()} />
    );
  if (!draft) return null;

  const setKind = (kind: string, channel: 'inApp' | 'email', value: boolean) =>
    setDraft({
      ...draft,
      preferences: draft.preferences.map((item) =>
        item.kind === kind ? { ...item, [channel]: value } : item,
      ),
    });

  return (
    <form
      className="form form-wide"
      aria-label={`Notification settings for ${subject}`}
      onSubmit={(event) => {
        event.preventDefault();
        setAnnouncement('');
        update.mutate({
          userId,
          changes: {
            preferences: draft.preferences,
            dailyDigest: draft.dailyDigest,
            digestHour: draft.digestHour,
            quietHours: draft.quietEnabled ? { start: draft.quietStart, end: draft.quietEnd } : null,
            version: query.data.version > 0 ? query.data.version : undefined,
          },
        });
      }}
    >
      <p role="status" className={announcement ? 'notice notice-success' : 'visually-hidden'}>
        {announcement}
      </p>
      {update.error ? <ProblemAlert error={update.error} title="Could not save the settings" /> : null}
      <table className="table preferences-table">
        <caption>What reaches {subject}, and how</caption>
        <thead>
          <tr>
            <th scope="col">Notice</th>
            <th scope="col">In the inbox</th>
            <th scope="col">By e-mail</th>
          </tr>
        </thead>
        <tbody>
          {draft.preferences.map((item) => (
            <tr key={item.kind}>
              <th scope="row">
                {KIND_LABELS[item.kind].label}
                <span className="checkbox-description">{KIND_LABELS[item.kind].description}</span>
              </th>
              <td>
                <Choice
                  type="checkbox"
                  id={`pref-${item.kind}-in-app`}
                  name={`${item.kind}.inApp`}
                  label={<span className="visually-hidden">{KIND_LABELS[item.kind].label} in the inbox</span>}
                  checked={item.inApp}
                  onChange={(value) => setKind(item.kind, 'inApp', value)}
                />
              </td>
              <td>
                <Choice
                  type="checkbox"
                  id={`pref-${item.kind}-email`}
                  name={`${item.kind}.email`}
                  label={<span className="visually-hidden">{KIND_LABELS[item.kind].label} by e-mail</span>}
                  checked={item.email}
                  onChange={(value) => setKind(item.kind, 'email', value)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <fieldset className="form-section">
        <legend>Daily digest</legend>
        <Choice
          type="checkbox"
          id="pref-daily-digest"
          name="dailyDigest"
          label="Bundle e-mails into one a day"
          description="Notices about P1 requests still come at once."
          checked={draft.dailyDigest}
          onChange={(value) => setDraft({ ...draft, dailyDigest: value })}
        />
        <SelectField
          name="digestHour"
          label="Send the digest at"
          value={String(draft.digestHour)}
          disabled={!draft.dailyDigest}
          onChange={(event) => setDraft({ ...draft, digestHour: Number(event.currentTarget.value) })}
        >
          {Array.from({ length: 24 }, (_, hour) => (
            <option key={hour} value={hour}>
              {hourLabel(hour)}
            </option>
          ))}
        </SelectField>
      </fieldset>

      <fieldset className="form-section">
        <legend>Quiet hours</legend>
        <Choice
          type="checkbox"
          id="pref-quiet-hours"
          name="quietEnabled"
          label="No e-mail during quiet hours"
          description="E-mails wait until quiet hours end, except about P1 requests. Times are the department’s."
          checked={draft.quietEnabled}
          onChange={(value) => setDraft({ ...draft, quietEnabled: value })}
        />
        <div className="field-pair">
          <TextField
            name="quietHours.start"
            label="From"
            type="time"
            value={draft.quietStart}
            disabled={!draft.quietEnabled}
            onChange={(event) => setDraft({ ...draft, quietStart: event.currentTarget.value })}
          />
          <TextField
            name="quietHours.end"
            label="Until"
            type="time"
            value={draft.quietEnd}
            disabled={!draft.quietEnabled}
            onChange={(event) => setDraft({ ...draft, quietEnd: event.currentTarget.value })}
          />
        </div>
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save settings'}
        </button>
      </div>
    </form>
  );
}
