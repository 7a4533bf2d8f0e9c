/**
 * fast-check arbitraries for OpenClawChart props: primitives (building blocks), valid cases
 * (`validCase`) and breakers (`invalidCase`, one broken rule each).
 */
export * from './primitives';
export * from './valid';
export * from './breakers';
