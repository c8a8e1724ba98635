-- The root of the kernel tree a file belongs to, for kls's root_dir: the
-- nearest folder at or above the file with a Kconfig beside arch/, or with a
-- Makefile that sets KERNELVERSION (the kernel's top Makefile). A nearer
-- folder with only a Kconfig (arch/x86/xen) is not the root. nil outside a tree.
-- Works on Neovim 0.7 (no vim.fs).
return function(fname)
  local dir = vim.fn.fnamemodify(fname, ':p:h')
  local function is(name, kind)
    local s = vim.loop.fs_stat(dir .. '/' .. name)
    return s ~= nil and s.type == kind
  end
  while true do
    if is('Kconfig', 'file') and is('arch', 'directory') then
      return dir
    end
    if is('Makefile', 'file') then
      for _, line in ipairs(vim.fn.readfile(dir .. '/Makefile')) do
        if line:match('^KERNELVERSION%s*:?=') then
          return dir
        end
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      return nil
    end
    dir = parent
  end
end
