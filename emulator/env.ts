export type EmulatorEnv = { Variables: { requestId: string } };
