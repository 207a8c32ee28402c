/** STS speaks the AWS Query protocol: form-encoded `Action=…&Version=…` in, XML in this namespace out. */
export const STS_VERSION = '2011-06-15';
export const STS_XMLNS = `https://sts.amazonaws.com/doc/${STS_VERSION}/`;
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
