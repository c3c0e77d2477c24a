import { ActionIcon, AppShell, Burger, Group, Kbd, Menu, NavLink, Text, Tooltip, UnstyledButton, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { spotlight } from '@mantine/spotlight';
import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { api } from './api.ts';
import { AREAS, navSections, visibleAreas } from './areas.ts';
import { showError } from './errors.ts';
import { LANGUAGES, setLanguage } from './i18n.ts';
import { useMeta } from './meta.ts';
import { NotificationsBell } from './notifications-bell.tsx';
import { CommandPalette } from './palette.tsx';
import type { Me } from './session.ts';

export function Shell({ me, children }: { me: Me; children: ReactNode }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { setColorScheme } = useMantineColorScheme();
  const colorScheme = useComputedColorScheme('light');
  const meta = useMeta();
  const areas = visibleAreas(AREAS, meta.data?.entities ?? []);

  const updateMe = async (patch: { locale?: string; theme?: string }) => {
    try {
      await api('/api/v1/me', { method: 'PATCH', body: patch });
      await queryClient.invalidateQueries({ queryKey: ['me'] });
    } catch (error) {
      showError(error, t);
    }
  };

  const signOut = async () => {
    await api('/api/auth/sign-out', { method: 'POST', body: {} }).catch(() => undefined);
    queryClient.clear();
    await navigate('/');
    window.location.reload();
  };

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('app.openMenu')} />
            <Text fw={700} component={Link} to="/" c="blue">
              {t('app.name')}
            </Text>
            <Text c="dimmed" size="sm" visibleFrom="sm" truncate>
              {me.workspace.name}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Tooltip label={t('palette.placeholder')}>
              <UnstyledButton onClick={() => spotlight.open()} data-testid="open-palette" aria-label={t('app.search')}>
                <Group gap={6} px="sm" py={4} wrap="nowrap" style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8 }}>
                  <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" style={{ color: 'var(--mantine-color-dimmed)' }}>
                    <circle cx="11" cy="11" r="7" />
                    <path d="m20 20-3.5-3.5" />
                  </svg>
                  <Text size="sm" c="dimmed" visibleFrom="sm">
                    {t('app.search')}
                  </Text>
                  <Kbd size="xs" visibleFrom="sm">Ctrl K</Kbd>
                </Group>
              </UnstyledButton>
            </Tooltip>
            <NotificationsBell />
            <Menu position="bottom-end" width={220}>
              <Menu.Target>
                <ActionIcon variant="light" size="lg" radius="xl" aria-label={t('user.menu')} data-testid="user-menu">
                  {me.user.name.slice(0, 1).toUpperCase()}
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>
                  <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate>{me.user.name}</Text>
                  <Text size="xs" c="dimmed" truncate>{me.user.email}</Text>
                </Menu.Label>
                <Menu.Item component={Link} to="/profile" data-testid="profile">
                  {t('profile.title')}
                </Menu.Item>
                <Menu.Divider />
                <Menu.Label>{t('user.language')}</Menu.Label>
                {LANGUAGES.map((language) => (
                  <Menu.Item
                    key={language}
                    data-testid={`language-${language}`}
                    fw={me.user.locale === language ? 700 : undefined}
                    onClick={() => {
                      void setLanguage(language);
                      void updateMe({ locale: language });
                    }}
                  >
                    {t(`lang.${language}`)}
                  </Menu.Item>
                ))}
                <Menu.Divider />
                <Menu.Item
                  data-testid="toggle-theme"
                  onClick={() => {
                    const next = colorScheme === 'dark' ? 'light' : 'dark';
                    setColorScheme(next);
                    void updateMe({ theme: next });
                  }}
                >
                  {t('user.theme')}: {colorScheme === 'dark' ? t('user.dark') : t('user.light')}
                </Menu.Item>
                <Menu.Divider />
                <Menu.Item color="red" onClick={() => void signOut()} data-testid="sign-out">
                  {t('user.signOut')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" style={{ overflowY: 'auto' }}>
        {navSections(areas).map((section) => (
          <div key={section.group ?? section.entries[0]!.key} data-testid={section.group ? `nav-group-${section.group}` : undefined}>
            {section.group && (
              <Text size="xs" fw={600} c="dimmed" tt="uppercase" mt="sm" mb={2} px="xs">{t(`areas.${section.group}`)}</Text>
            )}
            {section.entries.map((area) => (
              <NavLink
                key={area.key}
                component={Link}
                to={area.path}
                label={t(area.labelKey)}
                data-testid={`nav-${area.key}`}
                active={area.path === '/' ? location.pathname === '/' : location.pathname.startsWith(area.path)}
                onClick={close}
              />
            ))}
          </div>
        ))}
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
      <CommandPalette me={me} />
    </AppShell>
  );
}
