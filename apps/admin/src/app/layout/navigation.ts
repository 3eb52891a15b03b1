import type { Permission } from '../../lib/auth/permissions';

export interface NavItem {
  to: string;
  label: string;
  /** Without one, every signed-in role sees the link. */
  permission?: Permission;
  end?: boolean;
}

export interface NavSection {
  label: string;
  items: NavItem[];
}

export const NAV_SECTIONS: NavSection[] = [
  {
    label: 'Work',
    items: [
      { to: '/', label: 'Overview', end: true },
      { to: '/service-requests', label: 'Service requests' },
      { to: '/sara-cases', label: 'SARA cases' },
      { to: '/meetings', label: 'Meetings' },
      { to: '/priorities', label: 'Priorities' },
      { to: '/neighborhoods', label: 'Neighborhoods' },
      { to: '/assignments', label: 'Who is responsible' },
      { to: '/personnel', label: 'Personnel' },
      { to: '/dashboards', label: 'Dashboards', permission: 'dashboards.view' },
    ],
  },
  {
    label: 'Administration',
    items: [
      { to: '/users', label: 'Users', permission: 'users.manage' },
      { to: '/api-clients', label: 'API clients', permission: 'api-clients.manage' },
      { to: '/webhooks', label: 'Webhooks', permission: 'webhooks.manage' },
      { to: '/boundary-import', label: 'Boundary import', permission: 'geography.import' },
      { to: '/address-import', label: 'Address points', permission: 'geography.import' },
      { to: '/public-texts', label: 'Public texts', permission: 'public-texts.manage' },
      { to: '/places', label: 'Places', permission: 'geography.import' },
      { to: '/jurisdiction', label: 'Jurisdiction', permission: 'geography.import' },
      { to: '/notification-outbox', label: 'Outbox', permission: 'notifications.outbox' },
    ],
  },
];
