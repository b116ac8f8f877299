// Settings: the public profile, password, API access (personal access tokens, OAuth apps), the
// browser's Save button, and deleting the account. Each part has its own address (/settings/…).
import { Box, Divider, Flex, Heading, Icon, TapAreaLink, Text } from 'gestalt';
import { AccountSettings } from './AccountSettings.tsx';
import { BrowserButtonSettings } from './BrowserButtonSettings.tsx';
import { AppSettings, TokenSettings } from './DeveloperSettings.tsx';
import { PasswordSettings } from './PasswordSettings.tsx';
import { ProfileSettings } from './ProfileSettings.tsx';

export const SETTINGS_SECTIONS = ['profile', 'password', 'apps', 'browser-button', 'account'] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];

const LABELS: Record<SettingsSection, string> = {
  profile: 'Public profile',
  password: 'Password',
  apps: 'Tokens and apps',
  'browser-button': 'Save button',
  account: 'Delete account',
};

const ICONS = {
  profile: 'person',
  password: 'lock',
  apps: 'code',
  'browser-button': 'add-pin',
  account: 'trash-can',
} as const;

export function isSettingsSection(value: string | undefined): value is SettingsSection {
  return (SETTINGS_SECTIONS as readonly string[]).includes(value ?? '');
}

function Section({ section }: { section: SettingsSection }) {
  switch (section) {
    case 'password':
      return <PasswordSettings />;
    case 'apps':
      return (
        <Flex direction="column" gap={8}>
          <TokenSettings />
          <Divider />
          <AppSettings />
        </Flex>
      );
    case 'browser-button':
      return <BrowserButtonSettings />;
    case 'account':
      return <AccountSettings />;
    default:
      return <ProfileSettings />;
  }
}

export default function SettingsPage({ section = 'profile' }: { section?: string }) {
  const current: SettingsSection = isSettingsSection(section) ? section : 'profile';
  return (
    <Box paddingX={4} paddingY={6} display="flex" justifyContent="center">
      <Box width="100%" maxWidth={1040}>
        <Box marginBottom={4} paddingX={2}>
          <Heading size="600" accessibilityLevel={1}>
            Settings
          </Heading>
        </Box>
        <Box display="block" mdDisplay="flex">
          <Box mdColumn={4} column={12} paddingX={2} marginBottom={4}>
            <nav aria-label="Settings sections">
              <Flex direction="column" gap={1}>
                {SETTINGS_SECTIONS.map((key) => (
                  <TapAreaLink
                    key={key}
                    href={key === 'profile' ? '/settings' : `/settings/${key}`}
                    accessibilityCurrent={key === current ? 'page' : undefined}
                    rounding={4}
                  >
                    <Box padding={3} rounding={4} color={key === current ? 'selected' : 'transparent'}>
                      <Flex alignItems="center" gap={3}>
                        <Icon
                          icon={ICONS[key]}
                          accessibilityLabel=""
                          color={key === current ? 'inverse' : 'default'}
                        />
                        <Text weight="bold" color={key === current ? 'inverse' : 'default'}>
                          {LABELS[key]}
                        </Text>
                      </Flex>
                    </Box>
                  </TapAreaLink>
                ))}
              </Flex>
            </nav>
          </Box>
          <Box mdColumn={8} column={12} paddingX={2}>
            <Box maxWidth={600}>
              <Section section={current} />
            </Box>
          </Box>
        </Box>
      </Box>
    </Box>
  );
}
