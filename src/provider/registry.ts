import { providerSchema } from './config';
import type { DataSourceType, ResourceType } from './framework/resource';
import type { ProviderDefinition } from './server/provider-service';
import { awsApplication } from './resources/aws-application';
import { awsGroup } from './resources/data-aws-group';
import { pushedGroup } from './resources/pushed-group';
import { pushedUser } from './resources/pushed-user';
import { scimLink } from './resources/scim-link';

/**
 * The resource types and data sources the provider serves. Append new ones here (one import
 * per file under ./resources): idemeum_pushed_user, idemeum_pushed_group, idemeum_scim_link,
 * idemeum_aws_application; data source idemeum_aws_group.
 */
export const resources: ResourceType[] = [pushedUser, pushedGroup, scimLink, awsApplication];

export const dataSources: DataSourceType[] = [awsGroup];

export function providerDefinition(): ProviderDefinition {
  return { providerSchema, resources, dataSources };
}
