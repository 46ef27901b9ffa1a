/** Whether process `pid` is alive: signal 0 reaches it, or it exists but is another user's (EPERM). */
export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}
