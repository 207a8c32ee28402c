import { DiagnosticError, error } from '../framework/diagnostics';
import type { DataSourceType } from '../framework/resource';
import { DurationError, parseDuration } from '../duration';
import { scimStep } from './scim-diagnostics';
import { scimSession } from './scim-session';

const TYPE = 'idemeum_aws_group';
const DEFAULT_TIMEOUT = '2m';

/**
 * A group pushed to AWS outside this configuration (by idemeum's own group push, another
 * stack), found by display name. It waits, bounded, for the group to appear, because a push
 * started just before the plan may not have landed yet — the race every name-lookup module trips on.
 */
export const awsGroup: DataSourceType = {
  typeName: TYPE,
  schema: {
    description: 'Looks up an AWS group by display name, waiting up to `timeout` for it to appear.',
    attributes: {
      display_name: { type: 'string', required: true },
      timeout: { type: 'string', optional: true, description: `How long to wait for the group, default "${DEFAULT_TIMEOUT}".` },
      id: { type: 'string', computed: true },
      external_id: { type: 'string', computed: true },
    },
  },

  validate({ config }) {
    const diags = [];
    if (config.display_name === '') diags.push(error(`Invalid ${TYPE}`, 'display_name must not be empty', ['display_name']));
    if (typeof config.timeout === 'string') {
      try {
        parseDuration(config.timeout);
      } catch (err) {
        if (err instanceof DurationError) diags.push(error(`Invalid ${TYPE}`, `timeout: ${err.message}`, ['timeout']));
      }
    }
    return diags;
  },

  async read({ config }, ctx) {
    const name = config.display_name as string;
    const action = `looking up AWS group "${name}"`;
    const session = scimSession(ctx, action);
    const timeoutText = typeof config.timeout === 'string' ? config.timeout : DEFAULT_TIMEOUT;
    const timeoutMs = parseDuration(timeoutText);
    const now = () => ctx.clock.now().getTime();
    const deadline = now() + timeoutMs;
    for (let delay = 1_000; ; delay = Math.min(delay * 2, 10_000)) {
      const group = await scimStep(action, () => session.client.findGroupByDisplayName(name));
      if (group) return { state: { display_name: name, timeout: config.timeout ?? null, id: group.id, external_id: group.externalId ?? null } };
      const left = deadline - now();
      if (left <= 0) {
        throw new DiagnosticError(
          error(
            `No AWS group named "${name}"`,
            `No group with this exact display name appeared in AWS within ${timeoutText}. Check the spelling (AWS matches the whole name), ` +
              'check that idemeum pushes this group, or raise timeout.',
            ['display_name'],
          ),
        );
      }
      ctx.log.debug('group not in AWS yet; waiting', { display_name: name, wait_ms: Math.min(delay, left) });
      await session.sleep(Math.min(delay, left));
    }
  },
};
