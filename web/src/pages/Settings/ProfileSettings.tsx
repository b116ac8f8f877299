// Public profile: display name, about, website and picture, as the API lets people change them.
import { Avatar, Button, Flex, Heading, Text, TextArea, TextField } from 'gestalt';
import { type FormEvent, useState } from 'react';
import { csrfToken } from '../../api/client.ts';
import { messageFor } from '../../api/errors.ts';
import { FormError } from '../../components/FormError.tsx';
import { useFieldForm } from '../../state/field-form.ts';
import { useSession, useUser } from '../../state/session.tsx';
import { useToast } from '../../state/toasts.tsx';
import { settingsApi } from './settings-api.ts';
import { ABOUT_MAX, type ProfileForm, profileChanges } from './settings-rules.ts';

export function ProfileSettings() {
  const user = useUser();
  const { signedIn } = useSession();
  const toast = useToast();
  const saved: ProfileForm = {
    display_name: user.display_name,
    about: user.about,
    website_url: user.website_url,
    profile_image: user.profile_image,
  };
  const { values: form, setValues: setForm, setProblems, field } = useFieldForm(saved);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const result = profileChanges(form, saved);
    if ('problems' in result) {
      setProblems(result.problems);
      return;
    }
    if (Object.keys(result.changes).length === 0) {
      toast('Nothing to save');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const updated = await settingsApi.updateProfile(result.changes);
      // The header and every page read the signed-in user from the session: give it the new profile.
      signedIn({ user: updated, csrf_token: csrfToken() ?? '' });
      setForm({
        display_name: updated.display_name,
        about: updated.about,
        website_url: updated.website_url,
        profile_image: updated.profile_image,
      });
      toast('Profile saved', { type: 'success' });
    } catch (failure) {
      setError(messageFor(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={save}>
      <Flex direction="column" gap={5}>
        <Flex direction="column" gap={1}>
          <Heading size="400" accessibilityLevel={2}>
            Public profile
          </Heading>
          <Text color="subtle">People who visit your profile see this.</Text>
        </Flex>
        <Flex alignItems="center" gap={3}>
          <Avatar name={form.display_name || user.username} src={form.profile_image || undefined} size="lg" />
          <Text color="subtle">@{user.username}</Text>
        </Flex>
        <TextField id="profile-display-name" label="Name" {...field('display_name')} />
        <TextArea
          id="profile-about"
          label="About"
          placeholder="Tell your story"
          rows={3}
          maxLength={{ characterCount: ABOUT_MAX, errorAccessibilityLabel: 'About is too long' }}
          {...field('about')}
        />
        <TextField
          id="profile-website"
          label="Website"
          placeholder="https://example.com"
          {...field('website_url')}
        />
        <TextField
          id="profile-image"
          label="Profile picture address"
          helperText="The web address of a picture of you."
          placeholder="https://example.com/me.jpg"
          {...field('profile_image')}
        />
        <FormError message={error} />
        <Flex justifyContent="end">
          <Button text="Save" color="red" type="submit" disabled={busy} />
        </Flex>
      </Flex>
    </form>
  );
}
