export declare function serverArgs(root: string): string[];
export declare function serverEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
