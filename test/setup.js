// cdktf's jest matchers (toHaveResource, toHaveResourceWithProperties, ...).
require('cdktf').Testing.setupJest();
