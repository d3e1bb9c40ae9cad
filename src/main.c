#include <stdio.h>
int main(void) { puts("cmlcontract"); return 0; }
