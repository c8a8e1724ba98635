-- Tests kls-root.lua in a real Neovim: run by scripts/test-nvim-root.sh as
--   nvim --headless -u NONE -c 'luafile kls-root-test.lua' REPO TMP
-- Exits 0 when every case holds, 1 with the failures listed.
local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local root = dofile(here .. '/kls-root.lua')
local repo, tmp = vim.fn.argv(0), vim.fn.argv(1)
local failures = {}
local function expect(file, want)
  local got = root(file)
  if got ~= want then
    table.insert(failures, string.format('%s: root %s, want %s', file, tostring(got), tostring(want)))
  end
end
local xen = repo .. '/test-workspace/xen-p2m-2008'
expect(xen .. '/arch/x86/xen/Kconfig', xen)   -- not arch/x86/xen, which has a Kconfig too
expect(xen .. '/arch/x86/xen/mmu.c', xen)
expect(xen .. '/Kconfig', xen)
-- A tree known by its Makefile only (no arch/ yet), and a folder in no tree.
vim.fn.mkdir(tmp .. '/mk/drivers/xen', 'p')
vim.fn.writefile({ 'VERSION = 6', 'KERNELVERSION = $(VERSION)' }, tmp .. '/mk/Makefile')
vim.fn.writefile({ 'config A', '\tbool' }, tmp .. '/mk/drivers/xen/Kconfig')
expect(tmp .. '/mk/drivers/xen/Kconfig', tmp .. '/mk')
vim.fn.mkdir(tmp .. '/none/sub', 'p')
vim.fn.writefile({ 'config A' }, tmp .. '/none/sub/Kconfig')
expect(tmp .. '/none/sub/Kconfig', nil)
local linux = os.getenv('KLS_LINUX_DIR')
if linux and linux ~= '' then
  expect(linux .. '/arch/x86/xen/Kconfig', linux)
  expect(linux .. '/drivers/xen/events/events_base.c', linux)
end
if #failures > 0 then
  io.stderr:write('kls-root-test: FAILED\n' .. table.concat(failures, '\n') .. '\n')
  vim.cmd('cquit 1')
end
io.stdout:write('kls-root-test: passed\n')
vim.cmd('qall!')
