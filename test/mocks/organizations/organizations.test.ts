import {
  DescribeAccountCommand, DescribeOrganizationalUnitCommand, DescribeOrganizationCommand, ListAccountsCommand, ListAWSServiceAccessForOrganizationCommand,
  ListAccountsForParentCommand, ListChildrenCommand, ListOrganizationalUnitsForParentCommand, ListParentsCommand, ListRootsCommand, MoveAccountCommand, OrganizationsClient,
  paginateListAccountsForParent,
} from '@aws-sdk/client-organizations';
import { setupEmulator } from '../../../mocks/node';
import { ManualClock, sequentialIds, type EmulatorStateInit } from '../../../mocks/store';
import { sdkError } from '../ssoadmin/harness';

const CREDENTIALS = { accessKeyId: 'AKIDEMULATOR', secretAccessKey: 'emulator-secret' };

/** In-process emulator reached at Organizations' own (global) hostname through the AWS SDK. */
function organizationsHarness(init: EmulatorStateInit = {}) {
  const emulator = setupEmulator({ clock: new ManualClock(), ids: sequentialIds(), throttle: { enabled: false }, ...init });
  beforeAll(() => emulator.server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => emulator.state.reset());
  afterAll(() => emulator.server.close());
  const client = new OrganizationsClient({ region: 'us-east-1', credentials: CREDENTIALS, maxAttempts: 1 });
  const raw = async (operation: string, body: unknown) => {
    const res = await fetch('https://organizations.us-east-1.amazonaws.com/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSOrganizationsV20161128.${operation}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, errorType: res.headers.get('x-amzn-errortype'), body: (await res.json()) as Record<string, unknown> };
  };
  return { emulator, client, raw, org: emulator.state.organization };
}

describe('Organizations API', () => {
  const h = organizationsHarness({ organizationsPageSize: 2 });

  /** Root → Workloads (Prod: 1 account; NonProd: 3 accounts, one suspended) and 1 account at the root. */
  function tree() {
    const { org } = h;
    const workloads = org.createOrganizationalUnit(org.rootId, 'Workloads');
    const prod = org.createOrganizationalUnit(workloads.id, 'Prod');
    const nonProd = org.createOrganizationalUnit(workloads.id, 'NonProd');
    org.addAccount('111111111111', { parentId: prod.id, name: 'production' });
    for (const id of ['222222222222', '333333333333', '444444444444']) org.addAccount(id, { parentId: nonProd.id });
    org.setStatus('444444444444', 'SUSPENDED');
    org.addAccount('555555555555');
    return { workloads, prod, nonProd };
  }

  test('DescribeOrganization and ListRoots use AWS id and ARN formats; the management account is a member', async () => {
    const { Organization } = await h.client.send(new DescribeOrganizationCommand({}));
    expect(Organization).toMatchObject({ FeatureSet: 'ALL', MasterAccountId: '123456789012' });
    expect(Organization!.Id).toMatch(/^o-[a-z0-9]{10,32}$/);
    expect(Organization!.Arn).toMatch(/^arn:aws:organizations::123456789012:organization\/o-[a-z0-9]{10,32}$/);
    expect(Organization!.MasterAccountArn).toBe(`arn:aws:organizations::123456789012:account/${Organization!.Id}/123456789012`);
    const { Roots } = await h.client.send(new ListRootsCommand({}));
    expect(Roots).toEqual([{ Id: h.org.rootId, Arn: `arn:aws:organizations::123456789012:root/${Organization!.Id}/${h.org.rootId}`, Name: 'Root', PolicyTypes: [] }]);
    expect(Roots![0].Id).toMatch(/^r-[0-9a-z]{4,32}$/);
    const { Accounts } = await h.client.send(new ListAccountsCommand({}));
    expect(Accounts!.map((a) => a.Id)).toEqual(['123456789012']);
    const { EnabledServicePrincipals } = await h.client.send(new ListAWSServiceAccessForOrganizationCommand({}));
    expect(EnabledServicePrincipals!.map((p) => p.ServicePrincipal)).toEqual(['sso.amazonaws.com']);
  });

  test('ListAccountsForParent pages with NextToken; the SDK paginator reads every page, suspended accounts included', async () => {
    const { nonProd } = tree();
    expect(nonProd.id).toMatch(new RegExp(`^ou-${h.org.rootId.slice(2)}-[a-z0-9]{8}$`));
    const first = await h.client.send(new ListAccountsForParentCommand({ ParentId: nonProd.id }));
    expect(first.Accounts).toHaveLength(2);
    expect(first.NextToken).toEqual(expect.any(String));
    const pages = [];
    for await (const p of paginateListAccountsForParent({ client: h.client }, { ParentId: nonProd.id })) pages.push(p.Accounts!.map((a) => [a.Id, a.Status]));
    expect(pages).toEqual([
      [['222222222222', 'ACTIVE'], ['333333333333', 'ACTIVE']],
      [['444444444444', 'SUSPENDED']],
    ]);
    const one = await h.raw('ListAccountsForParent', { ParentId: nonProd.id, MaxResults: 1 });
    expect((one.body.Accounts as unknown[]).length).toBe(1);
  });

  test('ListOrganizationalUnitsForParent, ListChildren, ListParents, DescribeAccount and DescribeOrganizationalUnit walk the tree', async () => {
    const { workloads, prod, nonProd } = tree();
    const ous = await h.client.send(new ListOrganizationalUnitsForParentCommand({ ParentId: workloads.id }));
    expect(ous.OrganizationalUnits!.map((o) => o.Name)).toEqual(['Prod', 'NonProd']);
    expect(ous.OrganizationalUnits![0].Arn).toBe(`arn:aws:organizations::123456789012:ou/${h.org.organizationId}/${prod.id}`);
    const children = await h.client.send(new ListChildrenCommand({ ParentId: h.org.rootId, ChildType: 'ACCOUNT' }));
    expect(children.Children).toEqual([{ Id: '123456789012', Type: 'ACCOUNT' }, { Id: '555555555555', Type: 'ACCOUNT' }]);
    expect((await h.client.send(new ListParentsCommand({ ChildId: '222222222222' }))).Parents).toEqual([{ Id: nonProd.id, Type: 'ORGANIZATIONAL_UNIT' }]);
    expect((await h.client.send(new ListParentsCommand({ ChildId: workloads.id }))).Parents).toEqual([{ Id: h.org.rootId, Type: 'ROOT' }]);
    const { Account } = await h.client.send(new DescribeAccountCommand({ AccountId: '111111111111' }));
    expect(Account).toMatchObject({ Id: '111111111111', Name: 'production', Status: 'ACTIVE', JoinedMethod: 'INVITED', Arn: `arn:aws:organizations::123456789012:account/${h.org.organizationId}/111111111111` });
    expect((await h.client.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: prod.id }))).OrganizationalUnit).toMatchObject({ Id: prod.id, Name: 'Prod' });
  });

  test('MoveAccount moves an account between OUs', async () => {
    const { prod, nonProd } = tree();
    await h.client.send(new MoveAccountCommand({ AccountId: '222222222222', SourceParentId: nonProd.id, DestinationParentId: prod.id }));
    expect(h.org.accounts.get('222222222222')!.parentId).toBe(prod.id);
  });

  test.each([
    ['the parent is an unknown OU', 'ListAccountsForParent', { ParentId: 'ou-abcd-zzzzzzzz' }, 'ParentNotFoundException', "We can't find a root or OU with the ParentId that you specified."],
    ['the ParentId has the wrong form', 'ListAccountsForParent', { ParentId: '111111111111' }, 'InvalidInputException', 'You provided a value that does not match the required pattern.'],
    ['MaxResults is above 20', 'ListAccounts', { MaxResults: 21 }, 'InvalidInputException', 'You provided a numeric parameter that has a larger value than allowed.'],
    ['ParentId is missing', 'ListOrganizationalUnitsForParent', {}, 'InvalidInputException', 'You must include a value for all required parameters.'],
    ['the ChildType is unknown', 'ListChildren', { ParentId: 'r-0000', ChildType: 'ROOT' }, 'InvalidInputException', 'You specified an invalid value.'],
    ['the NextToken was made up', 'ListAccounts', { NextToken: 'bm9wZQ==' }, 'InvalidInputException', expect.stringContaining('invalid value for nextToken')],
    ['the child is unknown', 'ListParents', { ChildId: '999999999999' }, 'ChildNotFoundException', expect.stringContaining('ChildId')],
    ['the account is unknown', 'DescribeAccount', { AccountId: '999999999999' }, 'AccountNotFoundException', expect.stringContaining('AccountId')],
    ['the OU is unknown', 'DescribeOrganizationalUnit', { OrganizationalUnitId: 'ou-abcd-zzzzzzzz' }, 'OrganizationalUnitNotFoundException', expect.stringContaining('OrganizationalUnitId')],
  ])('fails when %s (%s → %s)', async (_case, operation, body, type, message) => {
    const reply = await h.raw(operation, body);
    expect(reply.status).toBe(400);
    expect(reply.errorType).toBe(type);
    expect(reply.body).toMatchObject({ __type: type, Message: message });
  });

  test('fails when MaxResults is 0 or the ParentId malformed: InvalidInputException carries the Reason the SDK exposes', async () => {
    const err = await sdkError(h.client.send(new ListAccountsCommand({ MaxResults: 0 })));
    expect(err).toMatchObject({ name: 'InvalidInputException', status: 400 });
    expect(err.raw.Reason).toBe('MIN_VALUE_EXCEEDED');
    expect((await h.raw('ListAccountsForParent', { ParentId: 'not-an-id' })).body.Reason).toBe('INVALID_PATTERN');
  });

  test('fails when a NextToken from one parent pages another', async () => {
    const { nonProd, prod } = tree();
    const first = await h.raw('ListAccountsForParent', { ParentId: nonProd.id });
    const reply = await h.raw('ListAccountsForParent', { ParentId: prod.id, NextToken: first.body.NextToken });
    expect(reply.body).toMatchObject({ __type: 'InvalidInputException', Reason: 'INVALID_NEXT_TOKEN' });
  });

  test.each([
    ['the account is already in the destination', (t: ReturnType<typeof tree>) => ({ SourceParentId: t.nonProd.id, DestinationParentId: t.nonProd.id }), 'DuplicateAccountException'],
    ['the source is not the account\'s parent', (t: ReturnType<typeof tree>) => ({ SourceParentId: t.prod.id, DestinationParentId: t.workloads.id }), 'SourceParentNotFoundException'],
    ['the destination does not exist', (t: ReturnType<typeof tree>) => ({ SourceParentId: t.nonProd.id, DestinationParentId: 'ou-abcd-zzzzzzzz' }), 'DestinationParentNotFoundException'],
  ])('fails when moving an account and %s', async (_case, parents, type) => {
    const t = tree();
    const reply = await h.raw('MoveAccount', { AccountId: '222222222222', ...parents(t) });
    expect(reply.body.__type).toBe(type);
    expect(h.org.accounts.get('222222222222')!.parentId).toBe(t.nonProd.id);
  });
});

describe('Organizations API of a standalone account', () => {
  const h = organizationsHarness({ organizationEnabled: false });

  test('fails when the account is in no organization: AWSOrganizationsNotInUseException, HTTP 400', async () => {
    const err = await sdkError(h.client.send(new DescribeOrganizationCommand({})));
    expect(err).toMatchObject({ name: 'AWSOrganizationsNotInUseException', status: 400, message: 'Your account is not a member of an organization.' });
  });
});
