package dev.kls.c;

import dev.kls.c.cond.Cond;
import dev.kls.c.lex.Token;
import dev.kls.c.lex.TokenKind;
import dev.kls.c.pp.Branch;
import dev.kls.c.pp.FileModel;
import dev.kls.kconfig.SourceRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

/** One C file of a {@link CProject}: its objects, conditional blocks and CONFIG_ references. */
public final class CFile {

    private final CProject project;
    private final FileModel model;
    private volatile List<ObjectDecl> objects;
    private volatile dev.kls.c.body.FileBodies bodies;
    private final Map<TokenInterest, List<ObjectDecl>> mentioning = new ConcurrentHashMap<>();

    /** A declaration the analysis gave up on (a resource bound), so that it is never silently missed. */
    public record GiveUp(dev.kls.kconfig.SourceRange range, String reason) {
    }

    private final Set<GiveUp> giveUps = ConcurrentHashMap.newKeySet();

    /** The declarations given up on so far, by position. */
    public List<GiveUp> giveUps() {
        return giveUps.stream().sorted(java.util.Comparator.comparingInt((GiveUp g) -> g.range().startLine())
                .thenComparingInt(g -> g.range().startColumn())).toList();
    }

    void gaveUp(dev.kls.kconfig.SourceRange range, String reason) {
        giveUps.add(new GiveUp(range, reason));
    }

    CFile(CProject project, FileModel model) {
        this.project = project;
        this.model = model;
    }

    public String path() {
        return model.path();
    }

    public FileModel model() {
        return model;
    }

    /** This file and every header it may include under any configuration, depth-first (implicit includes first). */
    public List<FileModel> closure() {
        return project.closure(model);
    }

    /** The file-scope objects, configuration-free (cached). */
    public List<ObjectDecl> objects() {
        List<ObjectDecl> o = objects;
        if (o == null) {
            synchronized (this) {
                o = objects;
                if (o == null) {
                    objects = o = project.readObjects(this);
                }
            }
        }
        return o;
    }

    /**
     * The function definitions of this file with their bodies and call
     * sites, and its file-scope variables, configuration-free: every #if
     * branch is kept and each node carries its presence condition (cached;
     * for unsaved text use {@link CProject#file(String, String)}).
     */
    public dev.kls.c.body.FileBodies functions() {
        dev.kls.c.body.FileBodies b = bodies;
        if (b == null) {
            synchronized (this) {
                b = bodies;
                if (b == null) {
                    bodies = b = project.readFunctions(this);
                }
            }
        }
        return b;
    }

    /**
     * Whether this file mentions {@code interest}: one of its tokens matches,
     * or names a macro that can expand to a matching token (see
     * {@link CProject#filesMentioning}).
     */
    public boolean mentions(TokenInterest interest) {
        return project.mentions(this, interest);
    }

    /**
     * The objects of {@link #objects()} whose declarations mention
     * {@code interest} (a token matches or names a macro that can expand to
     * one that does), equal to their elements of {@link #objects()}, in the
     * same order (cached per interest). Only those declarations are expanded,
     * so this is much cheaper than {@link #objects()} when that is not cached.
     */
    public List<ObjectDecl> objectsMentioning(TokenInterest interest) {
        List<ObjectDecl> r = mentioning.get(interest);
        if (r == null) {
            r = project.readObjects(this, interest, objects);
            mentioning.put(interest, r);
        }
        return r;
    }

    /** Every conditional block, outermost first in source order. */
    public List<ConditionalBlock> conditionalBlocks() {
        List<ConditionalBlock> out = new ArrayList<>();
        List<Branch> brs = model.branches();
        for (int b = 0; b < model.blockCount(); b++) {
            int[] ids = model.block(b);
            if (ids.length == 0) {
                continue;
            }
            List<ConditionalBlock.Branch> list = new ArrayList<>();
            for (int id : ids) {
                Branch br = brs.get(id);
                list.add(new ConditionalBlock.Branch(br.kind(), br.effective(), model.presence(id), br.directive(),
                        model.range(br.bodyStart(), br.bodyEnd())));
            }
            Branch first = brs.get(ids[0]);
            SourceRange whole = model.range(model.lines().offset(first.directive().startLine(),
                    first.directive().startColumn()), model.blockEnd(b));
            out.add(new ConditionalBlock(whole, List.copyOf(list), ids[0] == model.guardBranch()));
        }
        return out;
    }

    /** Every CONFIG_ identifier, in directives and in code. */
    public List<ConfigReference> configReferences() {
        List<ConfigReference> out = new ArrayList<>();
        List<Token> toks = model.tokens();
        for (int i = 0; i < toks.size(); i++) {
            Token t = toks.get(i);
            if (t.kind() == TokenKind.IDENTIFIER && t.text().startsWith("CONFIG_") && t.text().length() > 7) {
                String s = t.text().substring(7);
                if (s.endsWith("_MODULE") && s.length() > 7) {
                    s = s.substring(0, s.length() - 7);
                }
                out.add(new ConfigReference(s, t.text(), model.range(t.start(), t.end()), model.isDirectiveToken(i)));
            }
        }
        return out;
    }

    /** The presence condition at a 1-based line and column: the #if branches around it in this file. */
    public Cond presenceAt(int line, int column) {
        int offset = model.lines().offset(line, column);
        int best = -1;
        for (Branch br : model.branches()) {
            if (br.bodyStart() <= offset && offset < br.bodyEnd()) {
                if (best < 0 || br.bodyStart() >= model.branches().get(best).bodyStart()) {
                    best = br.id();
                }
            }
        }
        return best < 0 ? Cond.TRUE : model.presence(best);
    }

    /** Problems met while reading the file (unbalanced #endif, ...), with file and line. */
    public List<String> problems() {
        return model.problems();
    }
}
