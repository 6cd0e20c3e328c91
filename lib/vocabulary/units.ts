/** Binary byte units. Sizes inside the code are integer bytes; divide by these only to show or parse a size. */
export const KIB = 1024;
export const MIB = 1024 * KIB;
export const GIB = 1024 * MIB;
