-- Drives `kls serve` from Neovim's built-in LSP client (Debian's neovim 0.7),
-- headless: open a Kconfig file of seed 000, hover, make a typo, wait for the
-- warning, apply its quick fix, rename a symbol, check the buffers.
--
--   KLS_SERVER='["java",...,"serve"]' KLS_WORKSPACE=/tmp/copy \
--     nvim --headless --clean -u NONE -c 'luafile kls-client-test.lua'
local server = vim.fn.json_decode(os.getenv('KLS_SERVER'))
local root = os.getenv('KLS_WORKSPACE')
local TIMEOUT = 120000

local function out(s)
  io.stdout:write(s .. '\n')
end

local function fail(msg)
  out('FAIL: ' .. msg)
  vim.cmd('cquit 1')
end

local function check(cond, msg)
  if not cond then
    fail(msg)
  end
  out('ok: ' .. msg)
end

local ok, err = pcall(function()
  local client_id = vim.lsp.start_client({
    name = 'kls',
    cmd = server,
    root_dir = root,
    init_options = { arch = 'i386' },
  })
  check(client_id ~= nil, 'client started')
  local file = root .. '/arch/x86/xen/Kconfig'
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)
  local client
  check(vim.wait(TIMEOUT, function()
    client = vim.lsp.get_client_by_id(client_id)
    return client ~= nil and client.initialized
  end, 50), 'initialized')

  -- Indexing reports work-done progress; wait for its end.
  check(vim.wait(TIMEOUT, function()
    for _, p in pairs(client.messages.progress) do
      if p.done then
        return true
      end
    end
    return false
  end, 100), 'indexing progress ended')

  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = 5, character = 8 } }
  local hover = client.request_sync('textDocument/hover', params, TIMEOUT, buf)
  local h = hover and hover.result and hover.result.contents.value or ''
  check(h:find('(bool)', 1, true) and h:find('Xen guest support', 1, true) and h:find('Value: `y`', 1, true),
    'hover on config XEN: type, prompt, value y')

  -- Type a mistake on "depends on X86_CMPXCHG && X86_TSC" (line 10): X86_TSC -> X86_TSX.
  local line = vim.api.nvim_buf_get_lines(buf, 9, 10, false)[1]
  local col = line:find('X86_TSC', 1, true) - 1
  vim.api.nvim_buf_set_text(buf, 9, col + 6, 9, col + 7, { 'X' })
  local warn
  check(vim.wait(TIMEOUT, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      if code == 'undefined-symbol' and d.lnum == 9 then
        warn = d
        return true
      end
    end
    return false
  end, 50), 'warning for the typo')
  out('   ' .. warn.message)

  -- As vim.lsp.buf.code_action() sends it: the diagnostic back in LSP form.
  local lspdiag = {
    range = { start = { line = warn.lnum, character = warn.col }, ['end'] = { line = warn.end_lnum, character = warn.end_col } },
    message = warn.message, code = 'undefined-symbol', severity = warn.severity }
  local actions = client.request_sync('textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(buf) }, range = lspdiag.range,
    context = { diagnostics = { lspdiag } } }, TIMEOUT, buf)
  local fix
  if actions and actions.err then
    fail('codeAction: ' .. vim.inspect(actions.err))
  end
  for _, a in ipairs(actions and actions.result or {}) do
    if a.kind == 'quickfix' then
      fix = a
    end
  end
  check(fix ~= nil and fix.title == "Change to 'X86_TSC'", 'quick fix offered')
  vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
  check(vim.api.nvim_buf_get_lines(buf, 9, 10, false)[1]:match('X86_CMPXCHG && X86_TSC$') ~= nil,
    'the fix restored the line')
  check(vim.wait(TIMEOUT, function()
    return #vim.diagnostic.get(buf) == 0
  end, 50), 'no diagnostics after the fix')

  local edit = client.request_sync('textDocument/rename', {
    textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = 5, character = 8 },
    newName = 'XEN_GUEST' }, TIMEOUT, buf)
  check(edit and edit.result and edit.result.changes, 'rename answered')
  vim.lsp.util.apply_workspace_edit(edit.result, client.offset_encoding)
  local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
  check(text:find('\nconfig XEN_GUEST\n', 1, true) and text:find('depends on XEN_GUEST', 1, true),
    'renamed in the open buffer')
  local defbuf = vim.fn.bufnr(root .. '/arch/x86/configs/i386_defconfig')
  local deftext = table.concat(vim.api.nvim_buf_get_lines(defbuf, 0, -1, false), '\n')
  check(deftext:find('CONFIG_XEN_GUEST=y', 1, true) and deftext:find('CONFIG_HVC_XEN=y', 1, true),
    'renamed in the defconfig buffer, and only there')

  vim.lsp.stop_client(client_id)
  out('PASS: neovim client')
end)
if not ok then
  fail(tostring(err))
end
vim.cmd('qa!')
