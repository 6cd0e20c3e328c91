/*
 * A stand-in engine for the reconcile bench: answers every HTTP request on port 8000 with 200 "ok" (so /health is
 * healthy at once), uses about 1 MB of memory, and exits 0 on SIGTERM. Two hundred of these fit on one machine where
 * two hundred simulators (node, ~45 MB each) would not. Built static, run FROM scratch. Installed as /usr/bin/node as
 * well, it plays the simulator image's health check (`node -e "fetch(…/health)…"`): it connects to port 8000 and exits
 * 0 when something listens, so Docker reports the containers healthy like real ones.
 */
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void stop(int sig) { (void)sig; _exit(0); }

static int health_check(void) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in addr = {0};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(8000);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return connect(s, (struct sockaddr *)&addr, sizeof addr) == 0 ? 0 : 1;
}

int main(int argc, char **argv) {
  (void)argc;
  if (strstr(argv[0], "node") != NULL) return health_check();
  signal(SIGTERM, stop);
  signal(SIGINT, stop);
  int server = socket(AF_INET, SOCK_STREAM, 0);
  int yes = 1;
  setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  struct sockaddr_in addr = {0};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(8000);
  addr.sin_addr.s_addr = htonl(INADDR_ANY);
  if (bind(server, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(server, 64) != 0) return 1;
  static const char reply[] = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
  char buffer[2048];
  for (;;) {
    int client = accept(server, NULL, NULL);
    if (client < 0) continue;
    (void)read(client, buffer, sizeof buffer);
    (void)write(client, reply, sizeof reply - 1);
    close(client);
  }
}
