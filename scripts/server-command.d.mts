export declare function serverArgs(root: string): string[];
