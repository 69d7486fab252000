using System;
using System.Management.Automation.Host;

namespace IpSecPolicy.Shell;

/// <summary>Just enough of a raw UI for the formatter: a fixed, wide buffer.</summary>
internal sealed class ConsoleRawUserInterface : PSHostRawUserInterface
{
    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

    public override Size BufferSize { get; set; } = new(Width(), 9999);

    public override Coordinates CursorPosition { get; set; }

    public override int CursorSize { get; set; }

    public override bool KeyAvailable => false;

    public override Size MaxPhysicalWindowSize => BufferSize;

    public override Size MaxWindowSize => BufferSize;

    public override Coordinates WindowPosition { get; set; }

    public override Size WindowSize { get; set; } = new(Width(), 50);

    public override string WindowTitle { get; set; } = "IpSecPolicy";

    public override void FlushInputBuffer()
    {
    }

    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();

    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("This host cannot read keys.");

    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill)
    {
    }

    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents)
    {
    }

    public override void SetBufferContents(Rectangle rectangle, BufferCell fill)
    {
    }

    /// <summary>The terminal's width when there is one, else 160 columns (CI logs).</summary>
    private static int Width()
    {
        try
        {
            return Console.IsOutputRedirected ? 160 : Math.Max(80, Console.WindowWidth);
        }
        catch (System.IO.IOException)
        {
            return 160;
        }
    }
}
