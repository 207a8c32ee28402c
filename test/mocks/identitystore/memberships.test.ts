import {
  CreateGroupCommand, CreateGroupMembershipCommand, DeleteGroupCommand, DeleteGroupMembershipCommand, DescribeGroupMembershipCommand,
  GetGroupMembershipIdCommand, IsMemberInGroupsCommand, ListGroupMembershipsCommand, ListGroupMembershipsForMemberCommand,
} from '@aws-sdk/client-identitystore';
import { awsJsonHarness, sdkError } from '../ssoadmin/harness';

describe('Identity Store group memberships', () => {
  const h = awsJsonHarness();
  const store = () => h.emulator.state.identityStoreId;

  test('lists a group\'s members and a member\'s groups with the SCIM membership ids', async () => {
    const ada = h.user('ada@example.com');
    const eng = h.group('Engineering');
    const ops = h.group('Ops');
    const m1 = h.emulator.state.directory.addMember(eng.id, ada.id);
    const m2 = h.emulator.state.directory.addMember(ops.id, ada.id);
    const members = await h.identityStore.send(new ListGroupMembershipsCommand({ IdentityStoreId: store(), GroupId: eng.id }));
    expect(members.GroupMemberships).toEqual([{ IdentityStoreId: store(), MembershipId: m1.membershipId, GroupId: eng.id, MemberId: { UserId: ada.id } }]);
    const groups = await h.identityStore.send(new ListGroupMembershipsForMemberCommand({ IdentityStoreId: store(), MemberId: { UserId: ada.id } }));
    expect(groups.GroupMemberships?.map((m) => m.MembershipId).sort()).toEqual([m1.membershipId, m2.membershipId].sort());
  });

  test('ListGroupMemberships pages with MaxResults and NextToken, every member once', async () => {
    const eng = h.group('Engineering');
    const ids = Array.from({ length: 5 }, (_, i) => h.emulator.state.directory.addMember(eng.id, h.user(`u${i}@example.com`).id).membershipId);
    const seen: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await h.identityStore.send(new ListGroupMembershipsCommand({ IdentityStoreId: store(), GroupId: eng.id, MaxResults: 2, NextToken }));
      expect(page.GroupMemberships!.length).toBeLessThanOrEqual(2);
      seen.push(...page.GroupMemberships!.map((m) => m.MembershipId!));
      NextToken = page.NextToken;
      if (NextToken !== undefined) expect(NextToken).toMatch(/^[-a-zA-Z0-9+=/:_]+$/);
      pages++;
    } while (NextToken);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);
  });

  test.each([
    ['MaxResults is 101', { MaxResults: 101 }, "at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100"],
    ['the NextToken was not issued by ListGroupMemberships', { NextToken: Buffer.from('{"op":"ListGroups","at":1}').toString('base64') }, 'NextToken is invalid'],
  ])('fails when ListGroupMemberships %s, with ValidationException', async (_label, extra, message) => {
    const eng = h.group('Engineering');
    const res = await h.call('AWSIdentityStore.ListGroupMemberships', { IdentityStoreId: store(), GroupId: eng.id, ...extra });
    expect(res.status).toBe(400);
    expect(res.body.__type).toBe('ValidationException');
    expect(res.body.Message).toContain(message);
  });

  test('GetGroupMembershipId, DescribeGroupMembership and IsMemberInGroups agree', async () => {
    const ada = h.user('ada@example.com');
    const eng = h.group('Engineering');
    const ops = h.group('Ops');
    const m = h.emulator.state.directory.addMember(eng.id, ada.id);
    const id = await h.identityStore.send(new GetGroupMembershipIdCommand({ IdentityStoreId: store(), GroupId: eng.id, MemberId: { UserId: ada.id } }));
    expect(id.MembershipId).toBe(m.membershipId);
    const described = await h.identityStore.send(new DescribeGroupMembershipCommand({ IdentityStoreId: store(), MembershipId: m.membershipId }));
    expect(described).toMatchObject({ GroupId: eng.id, MemberId: { UserId: ada.id } });
    const check = await h.identityStore.send(new IsMemberInGroupsCommand({ IdentityStoreId: store(), MemberId: { UserId: ada.id }, GroupIds: [eng.id, ops.id] }));
    expect(check.Results?.map((r) => [r.GroupId, r.MembershipExists])).toEqual([[eng.id, true], [ops.id, false]]);
  });

  test('fails when the user is not a member: ResourceNotFoundException GROUP_MEMBERSHIP', async () => {
    const res = await h.call('AWSIdentityStore.GetGroupMembershipId', { IdentityStoreId: store(), GroupId: h.group('G').id, MemberId: { UserId: h.user('u@example.com').id } });
    expect(res.body).toMatchObject({ __type: 'ResourceNotFoundException', ResourceType: 'GROUP_MEMBERSHIP' });
  });

  test('fails when listing members of an unknown group: ResourceType GROUP', async () => {
    const id = '0000000000-ffffffff-ffff-ffff-ffff-ffffffffffff';
    const res = await h.call('AWSIdentityStore.ListGroupMemberships', { IdentityStoreId: store(), GroupId: id });
    expect(res.body).toMatchObject({ ResourceType: 'GROUP', ResourceId: id });
  });

  test.each([
    ['no GroupIds', [], "at 'groupIds' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    ['101 GroupIds', Array.from({ length: 101 }, () => '00000000-0000-4000-8000-000000000000'), 'less than or equal to 100'],
  ])('fails when IsMemberInGroups gets %s', async (_label, groupIds, message) => {
    const res = await h.call('AWSIdentityStore.IsMemberInGroups', { IdentityStoreId: store(), MemberId: { UserId: h.user('u@example.com').id }, GroupIds: groupIds });
    expect(res.body).toMatchObject({ __type: 'ValidationException', Message: expect.stringContaining(message) });
  });

  test('Identity Store mutations change the shared directory SCIM sees', async () => {
    const ada = h.user('ada@example.com');
    const created = await h.identityStore.send(new CreateGroupCommand({ IdentityStoreId: store(), DisplayName: 'Auditors' }));
    expect(h.emulator.state.directory.getGroup(created.GroupId!)?.displayName).toBe('Auditors');
    const m = await h.identityStore.send(new CreateGroupMembershipCommand({ IdentityStoreId: store(), GroupId: created.GroupId!, MemberId: { UserId: ada.id } }));
    expect(h.emulator.state.directory.isMember(created.GroupId!, ada.id)).toBe(true);
    await h.identityStore.send(new DeleteGroupMembershipCommand({ IdentityStoreId: store(), MembershipId: m.MembershipId! }));
    expect(h.emulator.state.directory.isMember(created.GroupId!, ada.id)).toBe(false);
    await h.identityStore.send(new DeleteGroupCommand({ IdentityStoreId: store(), GroupId: created.GroupId! }));
    expect(h.emulator.state.directory.getGroup(created.GroupId!)).toBeUndefined();
  });

  test('fails when creating a group whose name exists: ConflictException UNIQUENESS_CONSTRAINT_VIOLATION', async () => {
    h.group('Auditors');
    const res = await h.call('AWSIdentityStore.CreateGroup', { IdentityStoreId: store(), DisplayName: 'Auditors' });
    expect(res.body).toMatchObject({ __type: 'ConflictException', Reason: 'UNIQUENESS_CONSTRAINT_VIOLATION' });
    expect(h.emulator.state.directory.groups.size).toBe(1);
  });

  test('fails when adding an existing member again, with ConflictException', async () => {
    const ada = h.user('ada@example.com');
    const g = h.group('G');
    h.emulator.state.directory.addMember(g.id, ada.id);
    const err = await sdkError(h.identityStore.send(new CreateGroupMembershipCommand({ IdentityStoreId: store(), GroupId: g.id, MemberId: { UserId: ada.id } })));
    expect(err.name).toBe('ConflictException');
  });
});
