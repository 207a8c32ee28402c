/** Kept apart from the checks so the resource's schema loads without the SAML libraries. */
export const TYPE = 'idemeum_aws_application';
