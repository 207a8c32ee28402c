/** Time as the SCIM client sees it; injected so retries and rate limits are testable without waiting. */
export interface ScimClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: ScimClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
