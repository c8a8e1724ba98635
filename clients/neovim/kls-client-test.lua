-- Drives `kls serve` from Neovim's built-in LSP client (Debian's neovim 0.7),
-- headless: open a Kconfig file of seed 000, hover, make a typo, wait for the
-- warning, apply its quick fix; open seed 000's C file, wait for the
-- page-aligned-size error, hover, apply its quick fix, see it go; rename a
-- symbol, check the buffers.
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
  check(h:find('**XEN** (bool) = y', 1, true) == 1 and h:find('Xen guest support', 1, true)
    and h:find('**Why y:**', 1, true), 'hover on config XEN: type, value y and why, prompt')

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

  -- Seed 000's C file: the page-aligned-size error with its witness, hover, the quick fix applied.
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/arch/x86/xen/mmu.c'))
  local cbuf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(cbuf, client_id)
  local function page_aligned()
    for _, d in ipairs(vim.diagnostic.get(cbuf)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      if code == 'page-aligned-size' then
        return d
      end
    end
    return nil
  end
  local pa
  check(vim.wait(TIMEOUT, function()
    pa = page_aligned()
    return pa ~= nil
  end, 50), 'page-aligned-size diagnostic in mmu.c')
  out('   ' .. pa.message:gsub('\n', ' | '))
  check(pa.lnum == 24 and pa.severity == vim.diagnostic.severity.ERROR
    and pa.message:find('p2m_top_mfn_list is 8 bytes in .bss.page_aligned', 1, true) == 1
    and pa.message:match('\nwhen: .*XEN=y.* XEN_MAX_DOMAIN_MEMORY=8\ncondition: %[c: sizeof%(p2m_top_mfn_list%) %% PAGE_SIZE != 0%]$') ~= nil,
    'the error is on p2m_top_mfn_list, with its witness and condition')
  local cparams = { textDocument = { uri = vim.uri_from_bufnr(cbuf) }, position = { line = pa.lnum, character = pa.col } }
  local chover = client.request_sync('textDocument/hover', cparams, TIMEOUT, cbuf)
  local ch = chover and chover.result and chover.result.contents.value or ''
  check(ch:find('**p2m_top_mfn_list**', 1, true) == 1 and ch:find('8 bytes in `.bss.page_aligned`', 1, true),
    'hover on the object: its size and section')
  local crange = { start = { line = pa.lnum, character = pa.col }, ['end'] = { line = pa.end_lnum, character = pa.end_col } }
  local cactions = client.request_sync('textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(cbuf) }, range = crange,
    context = { diagnostics = { { range = crange, message = pa.message, code = 'page-aligned-size', severity = 1 } } } },
    TIMEOUT, cbuf)
  local cfix
  for _, a in ipairs(cactions and cactions.result or {}) do
    if a.kind == 'quickfix' and a.isPreferred and cfix == nil then
      cfix = a
    end
  end
  check(cfix ~= nil and cfix.title == 'Round the length of p2m_top_mfn_list up to whole pages', 'preferred quick fix offered')
  vim.lsp.util.apply_workspace_edit(cfix.edit, client.offset_encoding)
  check(vim.api.nvim_buf_get_lines(cbuf, 24, 25, false)[1]:find(
    'p2m_top_mfn_list[PAGE_ALIGN(TOP_ENTRIES / P2M_ENTRIES_PER_PAGE)]', 1, true) ~= nil, 'the buffer holds PAGE_ALIGN(')
  check(vim.wait(TIMEOUT, function()
    return page_aligned() == nil
  end, 50), 'the page-aligned-size error is gone')
  vim.cmd('buffer ' .. buf)

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
