export * from "./users";
export * from "./patients";
export * from "./referrals";
export * from "./events";
export * from "./audit";
export * from "./auth";
export * from "./settings";
export * from "./api-tokens";
